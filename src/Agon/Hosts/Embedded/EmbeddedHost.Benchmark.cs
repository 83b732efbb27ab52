using System.Text;
using System.Text.Json;
using LLama;

namespace Agon.Hosts.Embedded;

/// <summary>What a benchmark needs from the in-process engine: the model's own tokenizer and generations that run to the asked length.</summary>
internal sealed partial class EmbeddedHost : IBenchmarkSupport
{
    private static readonly IReadOnlyDictionary<string, JsonElement> s_benchmarkParameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
    {
        // Every request gets a fresh context, so no prompt cache can help: only the end-of-generation token needs saying.
        ["ignore_eos"] = JsonDocument.Parse("true").RootElement.Clone(),
    };

    public IReadOnlyDictionary<string, JsonElement> BenchmarkParameters => s_benchmarkParameters;

    /// <summary>The pieces of <paramref name="text"/> (no BOS, no special tokens parsed), as llama.cpp's <c>/tokenize</c> with <c>add_special:false</c>.</summary>
    public Task<IReadOnlyList<string>> TokenizeAsync(string model, string text, CancellationToken cancellationToken) =>
        WithModelAsync<IReadOnlyList<string>>(model, (loaded, _) =>
        {
            var tokens = loaded.Weights.Tokenize(text, false, false, Encoding.UTF8);

            // One decoder for the whole text: a piece that ends inside a UTF-8 character comes out with the next one.
            var decoder = new StreamingTokenDecoder(Encoding.UTF8, loaded.Weights);
            var pieces = new List<string>(tokens.Length);
            foreach (var token in tokens)
            {
                decoder.Add(token);
                pieces.Add(decoder.Read());
            }

            return Task.FromResult<IReadOnlyList<string>>(pieces);
        }, cancellationToken);
}
