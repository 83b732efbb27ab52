namespace Agon.Terminal;

/// <summary>Words in a sentence: "text", "text or json", "text, json or ndjson".</summary>
internal static class WordList
{
    public static string Join(IReadOnlyList<string> words, string last) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + $" {last} " + words[^1];
}
