using System.Text.Json;

namespace Agon.Hosts;

/// <summary>
/// A host that can measure prompts with its own tokenizer and be asked for exact, uncached generations
/// (llama.cpp: <c>POST /tokenize</c>, <c>cache_prompt:false</c>, <c>ignore_eos:true</c>). Benchmarks ask for it;
/// hosts without it are calibrated from the warm-up's prompt count.
/// </summary>
internal interface IBenchmarkSupport
{
    /// <summary>The pieces the model's tokenizer cuts <paramref name="text"/> into (no BOS/EOS added).</summary>
    Task<IReadOnlyList<string>> TokenizeAsync(string model, string text, CancellationToken cancellationToken);

    /// <summary>Extra request parameters, by their wire names, for a benchmark request.</summary>
    IReadOnlyDictionary<string, JsonElement> BenchmarkParameters { get; }
}
