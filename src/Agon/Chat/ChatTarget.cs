using Agon.Hosts;

namespace Agon.Chat;

/// <summary>A (host, model) pair to chat with; written <c>host/model</c>.</summary>
internal sealed record ChatTarget(IModelHost Host, string Model)
{
    public string Label => $"{Host.Name}/{Model}";
}
