using System.CommandLine;
using System.Globalization;

namespace Agon.Cli;

/// <summary>A whole-number flag with a lower (and optional upper) bound that says what it expected.</summary>
internal static class WholeNumberOption
{
    public static Option<int?> Create(string name, string description, string helpName, int minimum, int? maximum = null) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            var range = maximum is { } max
                ? string.Create(CultureInfo.InvariantCulture, $"a whole number from {minimum} to {max}")
                : string.Create(CultureInfo.InvariantCulture, $"a whole number of at least {minimum}");
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum || value > (maximum ?? int.MaxValue))
            {
                result.AddError($"{name}: expected {range}, got '{text}'");
                return null;
            }

            return value;
        },
    };
}
