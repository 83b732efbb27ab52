namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>llama.cpp's check before it sends a token to the Hub API: <c>hf_</c> then letters and digits, 37–256 characters in all.</summary>
internal static class HubToken
{
    public static bool LooksValid(string token) =>
        token.Length is >= 37 and <= 256 && token.StartsWith("hf_", StringComparison.Ordinal) && token[3..].All(char.IsAsciiLetterOrDigit);
}
