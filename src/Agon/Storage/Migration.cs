namespace Agon.Storage;

/// <summary>One numbered step of the database schema; applied once, in order, inside one transaction.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
