using Agon.Hosts;

namespace Agon.Models;

/// <summary>Passes progress on and remembers the last stage reported: the state an operation left the model in.</summary>
internal sealed class StageTracker(IProgress<ModelProgress> inner) : IProgress<ModelProgress>
{
    private string? _stage;

    public string? Stage => Volatile.Read(ref _stage);

    public void Report(ModelProgress value)
    {
        Volatile.Write(ref _stage, value.Stage);
        inner.Report(value);
    }
}
