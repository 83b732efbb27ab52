namespace Agon.Configuration;

/// <summary>The source of one value, with the detail a user needs to find it (file path, variable or flag name).</summary>
internal readonly record struct ValueOrigin(ValueSource Source, string? Detail = null)
{
    public static readonly ValueOrigin Default = new(ValueSource.Default);

    public override string ToString() => Source switch
    {
        ValueSource.Default => "default",
        ValueSource.File => Detail is null ? "file" : $"file {Detail}",
        ValueSource.Environment => $"environment {Detail}",
        _ => $"flag {Detail}",
    };

    /// <summary>The lower-case source word used in <c>--json</c> output.</summary>
    public string SourceName => Source.ToString().ToLowerInvariant();
}
