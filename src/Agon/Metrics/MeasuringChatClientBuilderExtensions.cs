using Microsoft.Extensions.AI;

namespace Agon.Metrics;

/// <summary>Adds <see cref="MeasuringChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
internal static class MeasuringChatClientBuilderExtensions
{
    /// <summary>Measures time to first content and total time around the clients after it in the pipeline.</summary>
    public static ChatClientBuilder UseMeasuring(this ChatClientBuilder builder, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return builder.Use(inner => new MeasuringChatClient(inner, timeProvider));
    }
}
