namespace Agon.Configuration;

/// <summary>Every global key of agon's configuration format, in the order <c>show config</c> prints them.</summary>
internal static class GlobalKeys
{
    public static readonly IReadOnlyList<GlobalKey> All =
    [
        new("timeout", ConfigValueKind.Integer, 600, "request timeout in seconds", Minimum: 1),
        new("debug", ConfigValueKind.Boolean, false, "log request and response bodies"),
        new("logFile", ConfigValueKind.String, null, "log file path"),
        new("metrics", ConfigValueKind.Boolean, false, "record response metrics"),
        new("multimodelMode", ConfigValueKind.Boolean, false, "chat compares up to four targets"),
        new("pipelineMode", ConfigValueKind.Boolean, false, "chat chains up to four targets"),
        new("jsonMode", ConfigValueKind.Boolean, false, "ask models for a JSON object"),
        new("history", ConfigValueKind.Boolean, true, "keep chat conversations in the database"),
        new("mcpMode", ConfigValueKind.Boolean, false, "let models call MCP tools"),
        new("mcpBinary", ConfigValueKind.String, null, "MCP server executable"),
        new("mcpInitTimeout", ConfigValueKind.Integer, 0, "MCP start-up timeout in seconds (0 = 10)", Minimum: 0),
        new("mcpRetryCount", ConfigValueKind.Integer, 1, "failed tool calls in a row before the loop stops (0 = 1)"),
        new("mcpMaxRounds", ConfigValueKind.Integer, 5, "tool rounds per answer", Minimum: 1),
        new("mcpParseTextCalls", ConfigValueKind.Boolean, false, "run a tool call the model wrote as text"),
        new("mcpConfig", ConfigValueKind.String, null, "MCP servers file (Claude Desktop, Cursor or VS Code format)"),
        new("export", ConfigValueKind.String, null, "pipeline JSON export path"),
        new("exportMarkdown", ConfigValueKind.String, null, "pipeline Markdown export path"),
        new("benchmarkMode", ConfigValueKind.Boolean, false, "enable the benchmark command"),
        new("benchmarkCount", ConfigValueKind.Integer, 1, "benchmark iterations per target", Minimum: 1),
        new("accuracyMode", ConfigValueKind.Boolean, false, "enable the accuracy command"),
        new("ragMode", ConfigValueKind.Boolean, false, "retrieval-augmented prompts"),
        new("ragCorpusPath", ConfigValueKind.String, null, "RAG corpus folder"),
        new("ragIndexPath", ConfigValueKind.String, null, "RAG index file"),
        new("ragEmbeddingModel", ConfigValueKind.String, null, "embedding model id"),
        new("ragEmbeddingHost", ConfigValueKind.String, null, "host that serves the embedding model"),
        new("ragChunkSizeTokens", ConfigValueKind.Integer, 0, "chunk size", Minimum: 0),
        new("ragChunkOverlapTokens", ConfigValueKind.Integer, 0, "chunk overlap", Minimum: 0),
        new("ragTopK", ConfigValueKind.Integer, 4, "chunks retrieved per query"),
        new("ragContextTokenLimit", ConfigValueKind.Integer, 0, "context budget (0 = unlimited)", Minimum: 0),
        new("ragSimilarity", ConfigValueKind.String, null, "similarity measure"),
        new("ragAllowedExtensions", ConfigValueKind.StringList, null, "file extensions indexed"),
        new("ragExcludeGlobs", ConfigValueKind.StringList, null, "paths left out of the index"),
    ];

    public static GlobalKey? Find(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
