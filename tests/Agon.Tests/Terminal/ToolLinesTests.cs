using Agon.Mcp;
using Agon.Terminal;

namespace Agon.Tests.Terminal;

public sealed class ToolLinesTests
{
    [Fact]
    public void Question_ShowsBidiControlsAsEscapes_SoTheArgumentsReadAsSent()
    {
        var call = new ToolActivity { CallId = "c1", Name = "write_file", Server = "fs", Arguments = "{\"path\":\"notes\u202Etxt.exe\"}" };

        Assert.Equal("call write_file {\"path\":\"notes\\u202Etxt.exe\"} on fs?", ToolLines.Question(call));
        Assert.Equal("→ write_file {\"path\":\"notes\\u202Etxt.exe\"} (fs) · 0 ms", ToolLines.Of(call)[0]);
    }

    [Fact]
    public void Question_OtherTextAsWritten()
    {
        var call = new ToolActivity { CallId = "c1", Name = "current_weather", Server = "agon", Arguments = "{\"location\":\"Zürich's old town, שלום\"}" };

        Assert.Equal("call current_weather {\"location\":\"Zürich's old town, שלום\"} on agon?", ToolLines.Question(call));
    }
}
