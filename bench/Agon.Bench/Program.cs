using System.Globalization;
using Agon.Bench;

// Agon's benchmarks. Each one prints what it measured and how, so a note can quote it.
//   dotnet run -c Release --project bench/Agon.Bench -- startup [agon-executable] [runs]
//   dotnet run -c Release --project bench/Agon.Bench -- sse [chunks]
//   dotnet run -c Release --project bench/Agon.Bench -- parser [chunks]
//   dotnet run -c Release --project bench/Agon.Bench -- fleet [delay-ms] [runs]
//   dotnet run -c Release --project bench/Agon.Bench -- engine [chunks]
//   dotnet run -c Release --project bench/Agon.Bench -- embedded [models-dir] [tokens] [runs]
//   dotnet run -c Release --project bench/Agon.Bench -- overhead [runs]
//   dotnet run -c Release --project bench/Agon.Bench -- report [rows]
//   dotnet run -c Release --project bench/Agon.Bench -- embedded-vs-server LLAMA-SERVER [models-dir] [tokens] [runs] [threads]
//   dotnet run -c Release --project bench/Agon.Bench -- hub [megabytes] [runs]
//   dotnet run -c Release --project bench/Agon.Bench -- rag-index [models-dir] [files]
//   dotnet run -c Release --project bench/Agon.Bench -- rag-retrieve [chunks] [dims] [queries]
//   dotnet run -c Release --project bench/Agon.Bench -- tools [agon-mcp-executable] [rounds] [starts]
//   dotnet run -c Release --project bench/Agon.Bench -- ui-latency [panes] [tokens-per-second] [seconds]
//   dotnet run -c Release --project bench/Agon.Bench -- serve fixtures-dir port   (for bench/startup.sh, bench/sse.sh)
// "startup" runs `agon --version` and `agon show config` as separate processes, one warm-up each,
// then reports the median, min and max wall time over the runs (default 10).
// "sse" streams recorded-shape chat chunks (default 200,000) through the llama.cpp chat client, from memory
// and over loopback from a local server that writes them as fast as it can.
// "parser" parses the same stream's chunks (default 200,000) with the hand-written llama.cpp chunk parser and with
// source-generated System.Text.Json records, and prints ns and bytes allocated per chunk for each.
// "embedded" measures in-process prompt and generation tokens/s for stories260K and llama-2-tiny-random.
// "embedded-vs-server" runs the same generations in-process and on a llama-server it starts on 127.0.0.1 (same GGUF,
// threads, context, greedy), alternating run for run, and prints both medians, the slowest runs and the ratio; a third
// column, a bare LLamaSharp decode loop, separates what Agon's code costs from what the bundled llama.cpp costs.
// "engine" measures the chat engine's own TTFT and per-chunk cost against a backend that answers instantly.
// "hub" pulls a file (default 256 MiB) from a loopback hub through the in-process host (sha256 checked) and with
// curl -o from the same server, alternating, one warm-up each, and reports the median MB/s of each (default 5 runs).
// "rag-index" indexes a generated corpus (default 1,000 files) with the in-process toy BERT: chunks/s, embedding apart.
// "rag-retrieve" times top-4 retrieval over a SQLite index of random vectors (default 20,000 x 768), the load apart.
// "tools" times one tool round on Agon's side (an instant model, current_time on agon-mcp over stdio: the loop, the
// invoker, the MCP request through the child process; median of rounds, default 200) and agon-mcp's start-up to its
// first answer (spawn, handshake, tools/list, tools/call; default 10 starts, one warm-up).
// "ui-latency" runs the interactive chat's real screen on Terminal.Gui's ANSI driver, compare mode (default 4 panes), each
// pane fed 1,000 timestamped tokens/s for 5 s, and reports the median and p99 time from a token's arrival to the
// draw pass that shows it (bench/tui-memory.sh measures the same screen's resident memory with four remote targets).
// "fleet" times `agon list models` over 1 and over 4 loopback hosts that each answer after delay-ms (default 200).
var benchmark = args.Length > 0 ? args[0] : "startup";
switch (benchmark)
{
    case "startup":
        var executable = args.Length > 1 ? args[1] : Path.Combine("artifacts", "agon", "agon");
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        if (!File.Exists(executable))
        {
            Console.Error.WriteLine($"no agon executable at {executable}; publish first: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon");
            return 2;
        }

        foreach (var commandLine in new[] { "--version", "show config" })
        {
            var times = StartupBenchmark.Measure(executable, commandLine, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agon {commandLine,-12} median {StartupBenchmark.Median(times),6:F1} ms  min {times.Min(),6:F1} ms  max {times.Max(),6:F1} ms  ({runs} runs)"));
        }

        return 0;
    case "fleet":
        var delayMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        return await FleetListBenchmark.RunAsync(delayMs, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
    case "embedded":
        return await EmbeddedBenchmark.RunAsync(args.Length > 1 ? args[1] : Path.Combine("..", "shared", "models"),
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 128, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
    case "embedded-vs-server":
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: embedded-vs-server LLAMA-SERVER [models-dir] [tokens] [runs] [threads]");
            return 2;
        }

        return await EmbeddedBenchmark.CompareAsync(args[1], args.Length > 2 ? args[2] : Path.Combine("..", "shared", "models"),
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 128, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10,
            args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : null);
    case "engine":
        return await ChatEngineBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, 20);
    case "overhead":
        return await MetricsBenchmark.OverheadAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
    case "report":
        return MetricsBenchmark.Report(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    case "hub":
        return await HubDownloadBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    case "rag-index":
        return await RagBenchmark.IndexAsync(args.Length > 1 ? args[1] : Path.Combine("..", "shared", "models"),
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
    case "rag-retrieve":
        return RagBenchmark.Retrieve(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 768, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50);
    case "tools":
        return await ToolRoundBenchmark.RunAsync(args.Length > 1 ? args[1] : Path.Combine("src", "Agon.McpServer", "bin", "Release", "net10.0", "agon-mcp"),
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
    case "ui-latency":
        return UiLatencyBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
    case "serve":
        return await ServeBenchmark.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
    case "parser":
        return ChunkParserBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000);
    case "sse":
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        return await SseIngestBenchmark.RunAsync(count);
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}' (known: startup, sse, parser, fleet, engine, ui-latency, embedded, embedded-vs-server, hub, tools, rag-index, rag-retrieve, serve, overhead, report)");
        return 2;
}

