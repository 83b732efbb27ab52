using System.Diagnostics;
using System.Globalization;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Mcp;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// <c>tools</c>: what a tool round costs on Agon's side, with a model that answers instantly (so the model's time is
/// excluded) and the built <c>agon-mcp</c> over stdio: the function-invoking loop, Agon's invoker, the MCP request and
/// its answer through the child process. Also the start-up of <c>agon-mcp</c> (spawn, handshake, tool list) to its
/// first answer.
/// </summary>
internal static class ToolRoundBenchmark
{
    public static async Task<int> RunAsync(string agonMcp, int rounds, int starts)
    {
        if (!File.Exists(agonMcp))
        {
            Console.Error.WriteLine($"no agon-mcp at {agonMcp}; build it first: dotnet build src/Agon.McpServer -c Release (or publish it natively)");
            return 2;
        }

        var server = new McpServerConfig { Name = "agon", Transport = McpTransport.Stdio, Command = Path.GetFullPath(agonMcp) };
        var log = new NullLog();
        var connector = new McpConnector(new SystemEnvironment(), log, new HostHttpClientFactory(log, TimeProvider.System), TimeSpan.FromSeconds(30));
        var settings = new McpSettings { Enabled = true, MaxRounds = 5 };

        var startTimes = new List<double>();
        for (var i = 0; i <= starts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var toolbox = await McpToolbox.StartAsync([server], connector, TimeProvider.System, CancellationToken.None);
            if (!toolbox.Connections[0].Started)
            {
                Console.Error.WriteLine($"agon-mcp did not start: {toolbox.Connections[0].Error}");
                return 1;
            }

            await ((AIFunction)toolbox.Tools.First(t => t.Name == "current_time")).InvokeAsync(new AIFunctionArguments(), CancellationToken.None);
            if (i > 0)
            {
                // The first start warms the file cache and the runtime; it is not counted.
                startTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        await using (var toolbox = await McpToolbox.StartAsync([server], connector, TimeProvider.System, CancellationToken.None))
        {
            var options = new ChatOptions { Tools = [.. toolbox.Tools.Where(t => t.Name == "current_time")], ToolMode = ChatToolMode.Auto };
            ChatMessage[] prompt = [new(ChatRole.User, "What time is it?")];
            var model = new InstantToolModel();
            var answered = new List<double>();
            var bare = new List<double>();
            for (var i = 0; i < rounds + 20; i++)
            {
                // The same turn without tools: two instant model calls through the pipeline, to subtract.
                var invoker = new McpToolInvoker(toolbox, settings, log, TimeProvider.System);
                using var withTools = new ChatClientBuilder(model).UseFunctionInvocation(loggerFactory: null, configure: invoker.Configure).Build();
                var started = Stopwatch.GetTimestamp();
                var response = await withTools.GetResponseAsync(prompt, options, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.Text != "done")
                {
                    Console.Error.WriteLine($"unexpected answer: {response.Text}");
                    return 1;
                }

                started = Stopwatch.GetTimestamp();
                await model.GetResponseAsync(prompt, null, CancellationToken.None);
                await model.GetResponseAsync([.. prompt, new ChatMessage(ChatRole.Tool, [new FunctionResultContent("x", "y")])], null, CancellationToken.None);
                var baseline = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= 20)
                {
                    // 20 warm-up rounds (JIT, pipes) are not counted.
                    answered.Add(elapsed);
                    bare.Add(baseline);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tool round (current_time on agon-mcp over stdio, instant model)  median {Median(answered):F2} ms  p90 {Percentile(answered, 0.9):F2} ms  min {answered.Min():F2} ms  (model calls alone: median {Median(bare):F3} ms; {rounds} rounds)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agon-mcp start-up to first answer (spawn, handshake, tools/list, tools/call)  median {Median(startTimes):F0} ms  min {startTimes.Min():F0} ms  max {startTimes.Max():F0} ms  ({starts} starts, {agonMcp})"));
        return 0;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * (sorted.Count - 1) + 0.5))];
    }

    /// <summary>Calls current_time when the last message is the user's, answers "done" once a result is in.</summary>
    private sealed class InstantToolModel : IChatClient
    {
        private int _ids;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var last = messages.Last();
            var response = last.Role == ChatRole.Tool
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")) { FinishReason = ChatFinishReason.Stop }
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture), "current_time", new Dictionary<string, object?>())]))
                {
                    FinishReason = ChatFinishReason.ToolCalls,
                };
            return Task.FromResult(response);
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class NullLog : Agon.Diagnostics.IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }
}
