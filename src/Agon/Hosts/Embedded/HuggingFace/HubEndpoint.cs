namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>The Hub's address as llama.cpp finds it: <c>MODEL_ENDPOINT</c>, else <c>HF_ENDPOINT</c>, else huggingface.co; always ending in <c>/</c>.</summary>
internal static class HubEndpoint
{
    public const string Default = "https://huggingface.co/";

    public static Uri Resolve(IAgonEnvironment environment)
    {
        var value = environment.GetVariable("MODEL_ENDPOINT") ?? environment.GetVariable("HF_ENDPOINT") ?? Default;
        if (!value.EndsWith('/'))
        {
            value += "/";
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw AgonException.Usage($"HF_ENDPOINT/MODEL_ENDPOINT '{value}' is not an http:// or https:// URL");
    }
}
