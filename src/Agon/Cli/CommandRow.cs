namespace Agon.Cli;

/// <summary>One line of <c>agon list commands</c>: the command as typed and its one-line description.</summary>
internal sealed record CommandRow(string Command, string Description);
