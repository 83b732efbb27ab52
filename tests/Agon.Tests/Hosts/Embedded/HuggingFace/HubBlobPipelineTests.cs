using System.Security.Cryptography;
using Agon.Hosts.Embedded.HuggingFace;

namespace Agon.Tests.Hosts.Embedded.HuggingFace;

/// <summary>
/// The receive → hash + write pipeline under a pull, with a small ring (3 buffers of 4 KiB) so a body wraps it many
/// times: the file and the hash come out whole, and whatever was received before a drop or Ctrl+C is on disk.
/// </summary>
public sealed class HubBlobPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agon-pipeline-").FullName;
    private readonly byte[] _data = FakeHubRepo.Content(1_000_003, 11);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Copy_WrapsTheRingManyTimes_FileAndHashWhole_AfterTheBytesKept()
    {
        var path = Path.Combine(_dir, "blob");
        File.WriteAllBytes(path, _data.AsSpan(0, 10).ToArray());
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_data, 0, 10);
        var seen = new List<long>();

        long copied;
        using (var pipeline = new HubBlobPipeline(4096, 3))
        using (var output = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        using (var input = new ScriptedBodyStream(_data[10..]))
        {
            copied = pipeline.Copy(input, output, 10, hash, seen.Add, TestContext.Current.CancellationToken);
        }

        Assert.Equal(_data.Length - 10, copied);
        Assert.Equal(copied, seen[^1]);
        Assert.Equal(_data, File.ReadAllBytes(path));
        Assert.Equal(SHA256.HashData(_data), hash.GetHashAndReset());
    }

    [Fact]
    public void Copy_ConnectionDropped_EveryReceivedByteIsWritten_TheErrorSurfaces()
    {
        var path = Path.Combine(_dir, "blob");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        using (var pipeline = new HubBlobPipeline(4096, 3))
        using (var output = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite))
        using (var input = new ScriptedBodyStream(_data, stopAt: 300_001, ScriptedBodyStream.Ending.Drop))
        {
            var error = Assert.Throws<IOException>(() => pipeline.Copy(input, output, 0, hash, null, TestContext.Current.CancellationToken));
            Assert.Contains("ended prematurely", error.Message);
        }

        Assert.Equal(_data[..300_001], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Copy_CtrlCMidFile_ClosesTheBody_KeepsEveryReceivedByte()
    {
        var path = Path.Combine(_dir, "blob");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var cts = new CancellationTokenSource();
        using var pipeline = new HubBlobPipeline(4096, 3);
        using (var output = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite))
        using (var input = new ScriptedBodyStream(_data, stopAt: 500_000, ScriptedBodyStream.Ending.Block))
        {
            var copy = Task.Run(() => pipeline.Copy(input, output, 0, hash, null, cts.Token), TestContext.Current.CancellationToken);
            input.Stopped.Wait(TestContext.Current.CancellationToken);
            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy);
        }

        Assert.Equal(_data[..500_000], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Copy_WriteFails_StopsReceivingAnEndlessBody_ReportsTheWriteError()
    {
        var path = Path.Combine(_dir, "blob");
        File.WriteAllBytes(path, []);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var pipeline = new HubBlobPipeline(4096, 3);
        using var output = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        using var input = new ScriptedBodyStream(_data, endless: true);

        var copy = Task.Run(() => pipeline.Copy(input, output, 0, hash, null, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        var error = await Record.ExceptionAsync(() => copy.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.True(error is IOException or UnauthorizedAccessException or NotSupportedException, error?.ToString());
    }
}
