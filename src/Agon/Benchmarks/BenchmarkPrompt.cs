using System.Security.Cryptography;
using System.Text;
using Agon.Hosts;

namespace Agon.Benchmarks;

/// <summary>
/// Builds a prompt of about P tokens from plain filler text, to be prefixed per run with a fresh nonce so no
/// prefix cache can help. With the server's tokenizer the body is cut at exactly the right piece; without one,
/// it is sized by words and calibrated from the warm-up's prompt count.
/// </summary>
internal sealed class BenchmarkPrompt
{
    /// <summary>English prose runs at roughly 1.3 tokens per word; only a first guess before calibration.</summary>
    private const double TokensPerWordGuess = 1.3;

    private static readonly string[] s_words = ("Benchmark text follows. The river ran past the old mill where seven lanterns hung above the water, "
        + "and every evening the keeper counted boats, barrels, letters and songs before writing them into a green ledger. "
        + "Farmers brought apples, wool, copper nails and questions about the weather; children traded marbles for stories "
        + "about mountains beyond the fog, glass towers, patient machines and a library that never closed its doors.")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private BenchmarkPrompt(string body, int? measured, string measuredBy, int words)
    {
        Body = body;
        MeasuredTokens = measured;
        MeasuredBy = measuredBy;
        WordCount = words;
    }

    /// <summary>The prompt without its nonce.</summary>
    public string Body { get; }

    /// <summary>Tokens of nonce + body as the server counts them, when known.</summary>
    public int? MeasuredTokens { get; }

    /// <summary><c>tokenizer</c>, <c>calibrated</c> or <c>estimated</c>.</summary>
    public string MeasuredBy { get; }

    private int WordCount { get; }

    /// <summary>
    /// A fresh, unique start for one request: twelve random decimal digits. Digits, unlike hex letters, tokenize the
    /// same whatever they are (SentencePiece vocabularies split every digit, BPE ones group them by three), so the
    /// measured prompt length holds for every run's nonce.
    /// </summary>
    public static string NewNonce()
    {
        Span<char> digits = stackalloc char[14];
        digits[0] = '[';
        for (var i = 1; i <= 12; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        digits[13] = ']';
        return new string(digits);
    }

    public string For(string nonce) => nonce + " " + Body;

    /// <summary>Sized with the server's tokenizer: exactly <paramref name="tokens"/> pieces, nonce included.</summary>
    public static async Task<BenchmarkPrompt> MeasureAsync(IBenchmarkSupport tokenizer, string model, int tokens, CancellationToken cancellationToken)
    {
        var nonceTokens = (await tokenizer.TokenizeAsync(model, NewNonce() + " ", cancellationToken)).Count;
        var wanted = Math.Max(1, tokens - nonceTokens);
        var words = (int)Math.Ceiling(wanted * 1.5) + 8;
        IReadOnlyList<string> pieces = [];
        for (var attempt = 0; attempt < 4; attempt++)
        {
            pieces = await tokenizer.TokenizeAsync(model, Words(words), cancellationToken);
            if (pieces.Count >= wanted)
            {
                break;
            }

            words *= 2;
        }

        // Cut, count the whole prompt as the server will see it, and correct for tokens merged at the seams.
        var take = wanted;
        var body = "";
        var measured = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            body = string.Concat(pieces.Take(Math.Clamp(take, 1, pieces.Count))).TrimStart();
            measured = (await tokenizer.TokenizeAsync(model, NewNonce() + " " + body, cancellationToken)).Count;
            if (measured == tokens || take >= pieces.Count)
            {
                break;
            }

            take += tokens - measured;
        }

        return new BenchmarkPrompt(body, measured, "tokenizer", words);
    }

    /// <summary>A first guess by words, for hosts without a tokenizer.</summary>
    public static BenchmarkPrompt Estimate(int tokens)
    {
        var words = Math.Max(1, (int)Math.Round(tokens / TokensPerWordGuess));
        return new BenchmarkPrompt(Words(words), null, "estimated", words);
    }

    /// <summary>Rescales an estimated prompt by what the server counted for it (as Ollama's bench does).</summary>
    public BenchmarkPrompt Calibrate(int wantedTokens, double countedTokens)
    {
        if (MeasuredBy == "tokenizer" || countedTokens <= 0)
        {
            return this;
        }

        var words = Math.Max(1, (int)Math.Round(WordCount * wantedTokens / countedTokens));
        return new BenchmarkPrompt(Words(words), wantedTokens, "calibrated", words);
    }

    private static string Words(int count)
    {
        var builder = new StringBuilder(count * 7);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(s_words[i % s_words.Length]);
        }

        return builder.ToString();
    }
}
