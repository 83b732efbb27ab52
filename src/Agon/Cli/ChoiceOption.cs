using System.CommandLine;

namespace Agon.Cli;

/// <summary>A flag that takes one of a few words and, given another, says which in one line (System.CommandLine's own message lists them one per line).</summary>
internal static class ChoiceOption
{
    public static Option<string> Create(string name, string alias, string description, params string[] choices)
    {
        var option = new Option<string>(name, alias)
        {
            Description = description,
            HelpName = "format",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (choices.Contains(text, StringComparer.Ordinal))
                {
                    return text;
                }

                result.AddError($"{name}: expected {Terminal.WordList.Join(choices, "or")}, got '{text}'");
                return null;
            },
        };
        option.CompletionSources.Add(choices);
        return option;
    }
}
