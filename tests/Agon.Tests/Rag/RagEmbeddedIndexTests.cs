using System.Text.Json;

namespace Agon.Tests.Rag;

/// <summary>Index and preview with the in-process engine and the toy BERT of shared/models (skipped, saying why, when absent).</summary>
public sealed class RagEmbeddedIndexTests
{
    [Fact]
    public async Task ToyBert_IndexThenPreview_TheRelatedFileFirst()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        File.Copy(SharedModels.Path("toy-bert-embed-synthetic.gguf"), Path.Combine(dir, "toy-bert-embed-synthetic.gguf"));
        env.WriteConfig($$"""
            {"hosts": [{"name": "local", "type": "embedded", "modelsDir": "{{JsonEncodedText.Encode(dir)}}"}],
             "ragCorpusPath": "corpus", "ragIndexPath": "rag.db", "ragEmbeddingHost": "local", "ragEmbeddingModel": "toy-bert-embed-synthetic"}
            """);
        env.WriteFile("corpus/pets.md", "the cat sat on the mat");
        env.WriteFile("corpus/money.md", "stock markets fell sharply today");
        env.WriteFile("corpus/weather.md", "rain and wind tomorrow");

        var indexed = await AgonRunner.RunAsync(env, "rag index --json");
        var preview = await AgonRunner.RunAsync(env, "rag preview a kitten sleeps on the rug --json");

        Assert.True(indexed.ExitCode == 0, indexed.ToString());
        Assert.True(preview.ExitCode == 0, preview.ToString());
        using var json = JsonDocument.Parse(preview.StdOut);
        Assert.Equal("pets.md", json.RootElement.GetProperty("chunks")[0].GetProperty("doc").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("settings").GetProperty("dimensions").GetInt32());
    }
}
