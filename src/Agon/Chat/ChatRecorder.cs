using Agon.Hosts;
using Agon.Storage;

namespace Agon.Chat;

/// <summary>
/// With <c>metrics: true</c>, keeps every chat, compare and pipeline response in the database: one row each with
/// where it ran (host, backend, server build, model, quantization), every figure with its source, a hash of the
/// parameters sent and the error, if any. Stages that never ran are not responses and are left out.
/// </summary>
internal static class ChatRecorder
{
    public static async Task<int> RecordAsync(ResponseStore store, ChatMode mode, IReadOnlyList<ChatOutcome> outcomes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var kind = mode switch
        {
            ChatMode.Compare => ResponseKind.Compare,
            ChatMode.Pipeline => ResponseKind.Pipeline,
            _ => ResponseKind.Chat,
        };
        var time = timeProvider.GetUtcNow();
        var records = new List<ResponseRecord>();
        foreach (var outcome in outcomes.Where(o => !o.Skipped))
        {
            var host = outcome.Target.Host;
            var info = await DescribeAsync(() => host.GetInfoAsync(cancellationToken));
            var models = await DescribeAsync(() => host.ListModelsAsync(cancellationToken));
            records.Add(new ResponseRecord
            {
                Time = time,
                Kind = kind,
                Host = host.Name,
                Backend = info?.Mode ?? "",
                ServerBuild = info?.Version,
                Model = outcome.Target.Model,
                Quantization = models?.FirstOrDefault(m => host.Matches(m, outcome.Target.Model))?.Quantization,
                Metrics = outcome.Metrics,
                ParametersHash = ResponseStore.HashParameters(outcome.Parameters),
                Error = outcome.Error,
                JsonValid = outcome.JsonValid,
            });
        }

        foreach (var record in records)
        {
            store.Append(record);
        }

        return records.Count;
    }

    /// <summary>The environment is best effort: a host that cannot say leaves its fields empty.</summary>
    private static async Task<T?> DescribeAsync<T>(Func<Task<T>> ask)
        where T : class
    {
        try
        {
            return await ask();
        }
        catch (HostException)
        {
            return null;
        }
    }
}
