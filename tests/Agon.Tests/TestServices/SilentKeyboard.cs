namespace Agon.Tests.TestServices;

/// <summary>An interactive stdin nobody types into: <see cref="ReadLine"/> blocks until the test ends.</summary>
internal sealed class SilentKeyboard : TextReader
{
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    /// <summary>Completes when a read has started (the prompt is on the screen).</summary>
    public Task Reading => _reading.Task;

    public override string? ReadLine()
    {
        _reading.TrySetResult();
        _released.Wait();
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _released.Set();
            _released.Dispose();
        }

        base.Dispose(disposing);
    }
}
