namespace Agon.Hosts;

/// <summary>A progress sink that can show one more line per file of a multi-file operation (the progress board does).</summary>
internal interface IFileProgress
{
    /// <summary>A progress line for one file, shown under the operation's own.</summary>
    IProgress<ModelProgress> AddFile(string label);
}
