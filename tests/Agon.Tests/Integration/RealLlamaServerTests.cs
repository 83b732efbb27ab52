using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Integration;

/// <summary>
/// Against a real <c>llama-server</c> in router mode over the shared tiny models. Runs only when both
/// <c>llama-server</c> is on PATH and the models are present; otherwise skipped with the reason.
/// </summary>
public sealed class RealLlamaServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Router_ListLoadChatUnload_AgainstRealServer()
    {
        SharedModels.RequireOrSkip();
        var binary = FindOnPath("llama-server");
        if (binary is null)
        {
            Assert.Skip("llama-server is not on PATH; the recorded transcripts cover its behaviour");
        }

        using var env = new FakeEnvironment();
        var modelsDir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(modelsDir);
        File.Copy(SharedModels.Path("stories260K.gguf"), Path.Combine(modelsDir, "stories260K.gguf"));
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo(binary, ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--models-dir", modelsDir, "--models-max", "1", "-c", "512"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LLAMA_CACHE"] = Path.Combine(env.Root, "cache") },
        })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            for (var attempt = 0; attempt < 200; attempt++)
            {
                try
                {
                    using var health = await http.GetAsync("health", Token);
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Yield();
                await server.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(50)).Token).ContinueWith(_ => { }, Token);
            }

            var config = new Agon.Configuration.HostConfig { Name = "real", Type = Agon.Configuration.HostType.LlamaCpp, Url = http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await using var host = new Agon.Hosts.LlamaCpp.LlamaCppHost(config, new HostHttpClientFactory(new MemoryLog(), TimeProvider.System).Create(config), TimeProvider.System);

            Assert.True((await host.GetInfoAsync(Token)).IsRouter);
            Assert.Equal(ModelStatus.Unloaded, (await host.ListModelsAsync(Token)).Single().Status);
            await host.LoadAsync("stories260K", null, Token);
            var answer = await host.GetChatClient("stories260K").GetResponseAsync("Tell me a story.", new ChatOptions { Temperature = 0, MaxOutputTokens = 20 }, Token);
            Assert.False(string.IsNullOrWhiteSpace(answer.Text));
            Assert.True((await host.UnloadAsync("stories260K", Token)).WasLoaded);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
