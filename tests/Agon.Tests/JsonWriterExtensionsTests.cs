namespace Agon.Tests;

public sealed class JsonWriterExtensionsTests
{
    [Fact]
    public void ToolArgumentsJson_KeepsTheTextAsWritten()
    {
        var arguments = new Dictionary<string, object?> { ["location"] = "Zürich's <old> town", ["days"] = 2 };

        Assert.Equal("""{"location":"Zürich's <old> town","days":2}""", JsonWriterExtensions.ToolArgumentsJson(arguments));
    }
}
