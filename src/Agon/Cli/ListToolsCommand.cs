using System.Globalization;
using System.Text.Json;
using Agon.Mcp;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon list tools</c>: every configured MCP server (or <c>mcpBinary</c>), its transport, whether it started, and its
/// tools with descriptions and input schemas. A server that fails is one line with the reason; the others are listed.
/// </summary>
internal sealed class ListToolsCommand : AgonCommand
{

    public ListToolsCommand()
        : base("tools", "Every MCP server's tools: transport, whether it started, each tool with its description and input schema")
    {
        Options.Add(JsonOption);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var json = context.Console.JsonOutput;

        var settings = context.Config.Mcp;
        var servers = McpDefaultServer.ServersOf(settings, context.Environment);
        var connector = new McpConnector(context.Environment, context.Log, context.HttpClients, settings.InitTimeout, context.McpTransports);
        await using var toolbox = await McpToolbox.StartAsync(servers, connector, context.TimeProvider, cancellationToken);
        var console = context.Console;
        List<ToolServerRow> rows = [.. servers.Select(s => ToolServerRow.Of(s, toolbox.Connections.FirstOrDefault(c => c.Config == s)))];
        if (json)
        {
            console.WriteData(JsonText.Write(w => JsonSerializer.Serialize(w, rows, McpJsonContext.Default.ListToolServerRow)));
        }
        else
        {
            foreach (var row in rows)
            {
                var head = $"{row.Server}  {row.Transport}  {row.Endpoint}";
                if (row.Disabled)
                {
                    console.WriteLine(head + "  disabled");
                    continue;
                }

                if (!row.Started)
                {
                    console.WriteLine($"{head}  did not start: {row.Error}");
                    continue;
                }

                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{head}  started in {row.StartTime.TotalMilliseconds:0} ms, {row.Tools.Count} tool{(row.Tools.Count == 1 ? "" : "s")}"), TextStyle.Bold);
                foreach (var tool in row.Tools)
                {
                    var hidden = tool.Offered ? "" : "  (not offered: allowTools/excludeTools)";
                    console.WriteLine($"  {tool.Name}{hidden}  {ConsoleText.OneLine(tool.Description ?? "")}");
                    console.WriteLine($"    input: {ConsoleText.OneLine(JsonText.OneLine(tool.InputSchema))}", TextStyle.Dim);
                }
            }
        }

        return toolbox.Connections.Any(c => !c.Started) ? ExitCodes.Failed : ExitCodes.Success;
    }
}
