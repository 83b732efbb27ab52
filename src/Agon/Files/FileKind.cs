namespace Agon.Files;

/// <summary>What a path names, without following a final symbolic link.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Pipe,
    Socket,
}
