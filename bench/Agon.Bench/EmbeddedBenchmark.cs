using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using Agon.Configuration;
using Agon.Hosts.Embedded;
using Agon.Metrics;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// In-process prompt and generation speed for the tiny shared models: the same prompt, greedy sampling, a fixed
/// number of generated tokens and the engine's default thread counts, best and median of several runs. The comparison
/// mode also drives a real llama-server on the same GGUF, threads and context, run for run, and prints the ratio.
/// </summary>
internal static class EmbeddedBenchmark
{
    private const string Prompt = "Once upon a time there was a little girl who lived in a village near the forest. Tell me what happened next.";

    public static async Task<int> RunAsync(string modelsDir, int tokens, int runs)
    {
        if (!Directory.Exists(modelsDir))
        {
            Console.Error.WriteLine($"no models folder at {modelsDir}");
            return 2;
        }

        var config = new HostConfig { Name = "bench", Type = HostType.Embedded, ModelsDirs = [modelsDir], ModelsMax = 1, Timeout = TimeSpan.FromMinutes(5) };
        await using var host = new EmbeddedHost(config, new DirectoryEnvironment(modelsDir), TimeProvider.System, new NullLog());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threads {LoadedModel.DefaultThreads}, {tokens} generated tokens per run, {runs} runs after one warm-up"));
        foreach (var model in new[] { "stories260K", "llama-2-tiny-random" })
        {
            var client = host.GetChatClient(model);
            var options = new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = tokens };
            await client.GetResponseAsync(Prompt, options);
            var prompt = new List<double>();
            var generation = new List<double>();
            double promptTokens = 0;
            for (var i = 0; i < runs; i++)
            {
                var response = await client.GetResponseAsync(Prompt, options);
                var metrics = (ResponseMetrics)response.AdditionalProperties![ResponseMetrics.PropertyKey]!;
                prompt.Add(metrics.PromptTokensPerSecond!.Value.Value);
                generation.Add(metrics.GenerationTokensPerSecond!.Value.Value);
                promptTokens = metrics.PromptTokens!.Value.Value;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model,-20} prompt ({promptTokens} tok): median {StartupBenchmark.Median(prompt),8:F0} tok/s, best {prompt.Max(),8:F0}   generation: median {StartupBenchmark.Median(generation),7:F0} tok/s, best {generation.Max(),7:F0}"));
        }

        return 0;
    }

    /// <summary>
    /// In-process against llama-server, same GGUF, context, threads, prompt (chatml, as Agon renders it for these
    /// template-less models) and greedy sampling; the two alternate run for run so machine load hits both alike. Both
    /// rates are llama-server's definition: generated tokens after the first, over the time from the end of the prompt.
    /// A bare LLamaSharp loop runs in the rotation too, so the ratio splits into Agon's own cost and the bundled
    /// llama.cpp's (LLamaSharp ships an older llama.cpp than a llama-server built from current source).
    /// </summary>
    public static async Task<int> CompareAsync(string server, string modelsDir, int tokens, int runs, int? threads)
    {
        if (!File.Exists(server))
        {
            Console.Error.WriteLine($"no llama-server at {server}");
            return 2;
        }

        if (!Directory.Exists(modelsDir))
        {
            Console.Error.WriteLine($"no models folder at {modelsDir}");
            return 2;
        }

        var config = new HostConfig { Name = "bench", Type = HostType.Embedded, ModelsDirs = [modelsDir], ModelsMax = 1, Threads = threads, Timeout = TimeSpan.FromMinutes(5) };
        await using var host = new EmbeddedHost(config, new DirectoryEnvironment(modelsDir), TimeProvider.System, new NullLog());
        var t = threads ?? LoadedModel.DefaultThreads;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threads {t} for both, {tokens} tokens per run, greedy, {runs} runs each after one warm-up, alternating; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        var failed = false;
        foreach (var model in new[] { "stories260K", "llama-2-tiny-random" })
        {
            var client = host.GetChatClient(model);
            var options = new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = tokens };
            await client.GetResponseAsync(Prompt, options);
            var context = (await host.ListModelsAsync()).Single(m => m.Id == model).ContextLength!.Value;
            var port = 18090 + Random.Shared.Next(0, 900);
            using var process = Process.Start(new ProcessStartInfo(server,
            [
                "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "-m", Path.Combine(modelsDir, model + ".gguf"),
                "-t", t.ToString(CultureInfo.InvariantCulture), "-tb", t.ToString(CultureInfo.InvariantCulture),
                "-c", context.ToString(CultureInfo.InvariantCulture), "-b", "512", "-ub", "512", "-np", "1", "--no-webui",
            ])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
                await WaitHealthyAsync(http, process);
                var body = $$"""{"prompt":"{{JsonEncodedText.Encode(ChatMl(Prompt))}}","n_predict":{{tokens}},"temperature":0,"seed":1,"cache_prompt":false}""";
                await ServerRunAsync(http, body);
                var agon = new List<double>();
                var llama = new List<double>();
                var raw = new List<double>();
                var parameters = new ModelParams(Path.Combine(modelsDir, model + ".gguf"))
                {
                    GpuLayerCount = 0,
                    ContextSize = (uint)context,
                    Threads = t,
                    BatchThreads = t,
                    SeqMax = 1,
                    KVUnified = false,
                };
                using var weights = await LLamaWeights.LoadFromFileAsync(parameters);
                await EngineThread.Shared.RunAsync(() => RawRun(weights, parameters, tokens));
                var agonTokens = 0.0;
                var serverTokens = 0.0;
                for (var i = 0; i < runs; i++)
                {
                    // Alternate which goes first, so neither always follows the other's warm caches.
                    for (var turn = 0; turn < 3; turn++)
                    {
                        if ((turn + i) % 3 == 2)
                        {
                            // On the engine's thread, so the bare loop decodes with the same warm OpenMP team as Agon.
                            raw.Add(await EngineThread.Shared.RunAsync(() => RawRun(weights, parameters, tokens)));
                        }
                        else if ((turn + i) % 3 == 0)
                        {
                            var (rate, n) = await ServerRunAsync(http, body);
                            llama.Add(rate);
                            serverTokens = n;
                        }
                        else
                        {
                            var response = await client.GetResponseAsync(Prompt, options);
                            var metrics = (ResponseMetrics)response.AdditionalProperties![ResponseMetrics.PropertyKey]!;
                            var n = metrics.CompletionTokens!.Value.Value;
                            agon.Add((n - 1) * 1000 / metrics.GenerationMs!.Value.Value);
                            agonTokens = n;
                        }
                    }
                }

                var ratio = StartupBenchmark.Median(agon) / StartupBenchmark.Median(llama);
                var agonSpread = StartupBenchmark.Median(agon) / agon.Min();
                var serverSpread = StartupBenchmark.Median(llama) / llama.Min();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model} (context {context}, generated {agonTokens} in-process, {serverTokens} llama-server)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  in-process   median {StartupBenchmark.Median(agon),7:F0} tok/s  slowest {agon.Min(),7:F0} ({agonSpread:F2}x the median's time)  runs {string.Join(' ', agon.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  llama-server median {StartupBenchmark.Median(llama),7:F0} tok/s  slowest {llama.Min(),7:F0} ({serverSpread:F2}x the median's time)  runs {string.Join(' ', llama.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  LLamaSharp's own loop (no Agon) median {StartupBenchmark.Median(raw),7:F0} tok/s  runs {string.Join(' ', raw.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ratio in-process / llama-server: {ratio:F2}   in-process / LLamaSharp's own loop: {StartupBenchmark.Median(agon) / StartupBenchmark.Median(raw):F2}   LLamaSharp's own loop / llama-server: {StartupBenchmark.Median(raw) / StartupBenchmark.Median(llama):F2}"));
                failed |= ratio < 0.95 || agonSpread > 1.5;
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return failed ? 1 : 0;
    }

    /// <summary>
    /// The bare minimum over LLamaSharp on the same prompt: decode synchronously on the calling thread, arg-max, no
    /// text handling; what Agon's own code costs is the difference from this.
    /// </summary>
    private static double RawRun(LLamaWeights weights, ModelParams parameters, int tokens)
    {
        using var context = weights.CreateContext(parameters);
        var prompt = context.Tokenize(ChatMl(Prompt), weights.Vocab.ShouldAddBOS, special: true);
        var batch = new LLamaBatch();
        batch.AddRange(prompt, 0, LLamaSeqId.Zero, true);
        context.Decode(batch);
        var position = prompt.Length;
        var started = Stopwatch.GetTimestamp();
        var generated = 0;
        while (true)
        {
            var token = (LLamaToken)TensorPrimitives.IndexOfMax(context.NativeHandle.GetLogitsIth(batch.TokenCount - 1));
            generated++;
            if (generated == tokens || token.IsEndOfGeneration(weights.Vocab))
            {
                break;
            }

            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            context.Decode(batch);
        }

        return (generated - 1) * 1000 / Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string ChatMl(string user) => $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";

    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"llama-server exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (started.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("llama-server did not become healthy within a minute");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<(double Rate, double Tokens)> ServerRunAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("completion", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var timings = json.RootElement.GetProperty("timings");
        return (timings.GetProperty("predicted_per_second").GetDouble(), timings.GetProperty("predicted_n").GetDouble());
    }

    internal sealed class DirectoryEnvironment(string folder) : IAgonEnvironment
    {
        public string? GetVariable(string name) => name == "LLAMA_CACHE" ? Path.Combine(folder, ".none") : null;

        public string CurrentDirectory => folder;

        public string HomeDirectory => Path.Combine(folder, ".none");
    }

    internal sealed class NullLog : Agon.Diagnostics.IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }
}
