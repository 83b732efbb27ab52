using Agon.Configuration;

namespace Agon.Models;

/// <summary>A sampling parameter as a chat sends it (secrets masked) and where it came from: <c>config</c> or <c>--param</c>.</summary>
internal sealed record SentParameter(RawJson Value, string Source);
