using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Agon.McpServer;

/// <summary><c>current_time</c>: the time now in a time zone (IANA names such as Europe/Paris), or the server's own.</summary>
[McpServerToolType]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the MCP server through dependency injection (WithTools<T>)")]
internal sealed class TimeTools(TimeProvider clock)
{
    [McpServerTool(Name = "current_time", ReadOnly = true, Idempotent = false, OpenWorld = false)]
    [Description("The current date and time (ISO 8601 with offset) in a time zone.")]
    public string CurrentTime([Description("IANA time zone name, e.g. Europe/Paris; empty for the server's local zone")] string? timezone = null)
    {
        var zone = TimeZoneInfo.Local;
        if (!string.IsNullOrWhiteSpace(timezone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timezone.Trim());
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new McpException($"unknown time zone '{timezone}' (use an IANA name such as Europe/Paris or UTC)");
            }
        }

        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        return now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + " (" + zone.Id + ")";
    }
}
