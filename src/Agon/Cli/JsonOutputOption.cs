using System.CommandLine;

namespace Agon.Cli;

/// <summary>The <c>--json</c> option of commands that print data: JSON on stdout, every message on stderr.</summary>
internal static class JsonOutputOption
{
    public static Option<bool> Create() => new("--json")
    {
        Description = "Print data as JSON on stdout (messages go to stderr)",
        Arity = ArgumentArity.ZeroOrOne,
    };
}
