namespace Agon.Configuration;

/// <summary>
/// The table of agon's global settings, in the order <c>show config</c> prints them. Each entry is the one place
/// that names a key: the file, the <c>AGON_*</c> variables, the flags (<c>Cli/GlobalOptions</c>), <c>show config</c>,
/// the "did you mean" suggestions and the README's table all follow from it. Adding a setting is one entry here
/// (and, where a feature reads it, one line in <see cref="ConfigBinder"/>).
/// </summary>
internal static class GlobalSettings
{
    // Declared first: the entries below add themselves in the order they are written.
    private static readonly List<Setting> s_all = [];

    public static readonly Setting<int> Timeout = Integer("timeout", 600, "request timeout in seconds", minimum: 1,
        flag: new("Request timeout in seconds (default 600)", "seconds"));

    public static readonly Setting<bool> Debug = Boolean("debug", false, "log request and response bodies",
        flag: new("Log request and response bodies to the log file"));

    public static readonly Setting<string?> LogFile = Text("logFile", "log file path",
        flag: new("Log file (default: ~/.local/state/agon/agon.log)", "path"));

    public static readonly Setting<bool> Metrics = Boolean("metrics", false, "record response metrics");

    public static readonly Setting<bool> MultimodelMode = Boolean("multimodelMode", false, "chat compares up to four targets",
        flag: new("Compare up to four targets side by side"));

    public static readonly Setting<bool> PipelineMode = Boolean("pipelineMode", false, "chat chains up to four targets",
        flag: new("Chain up to four targets, each feeding the next"));

    public static readonly Setting<bool> JsonMode = Boolean("jsonMode", false, "ask models for a JSON object",
        flag: new("Ask models for a JSON object"));

    public static readonly Setting<bool> History = Boolean("history", true, "keep chat conversations in the database");

    public static readonly Setting<bool> McpMode = Boolean("mcpMode", false, "let models call MCP tools",
        flag: new("Let models call tools through MCP"));

    public static readonly Setting<string?> McpBinary = Text("mcpBinary", "MCP server executable",
        flag: new("MCP server executable", "path"));

    public static readonly Setting<int> McpInitTimeout = Integer("mcpInitTimeout", 0, "MCP start-up timeout in seconds (0 = 10)", minimum: 0,
        flag: new("MCP start-up timeout in seconds", "seconds"));

    public static readonly Setting<int> McpRetryCount = Integer("mcpRetryCount", 1, "failed tool calls in a row before the loop stops (0 = 1)");

    public static readonly Setting<int> McpMaxRounds = Integer("mcpMaxRounds", McpSettings.DefaultMaxRounds, "tool rounds per answer", minimum: 1);

    public static readonly Setting<bool> McpParseTextCalls = Boolean("mcpParseTextCalls", false, "run a tool call the model wrote as text");

    public static readonly Setting<string?> McpConfig = Text("mcpConfig", "MCP servers file (Claude Desktop, Cursor or VS Code format)",
        flag: new("MCP servers file (Claude Desktop, Cursor or VS Code format)", "file"));

    public static readonly Setting<string?> Export = Text("export", "pipeline JSON export path",
        flag: new("Write the pipeline result as JSON to this file", "path"));

    public static readonly Setting<string?> ExportMarkdown = Text("exportMarkdown", "pipeline Markdown export path",
        flag: new("Write the pipeline result as Markdown to this file", "path"));

    public static readonly Setting<bool> BenchmarkMode = Boolean("benchmarkMode", false, "enable the benchmark command");

    public static readonly Setting<int> BenchmarkCount = Integer("benchmarkCount", 1, "benchmark iterations per target", minimum: 1);

    public static readonly Setting<bool> AccuracyMode = Boolean("accuracyMode", false, "enable the accuracy command");

    public static readonly Setting<bool> RagMode = Boolean("ragMode", false, "accuracy runs each suite without, then with, RAG context (as --rag)");

    public static readonly Setting<string?> RagCorpusPath = Text("ragCorpusPath", "RAG corpus folder");

    public static readonly Setting<string?> RagIndexPath = Text("ragIndexPath", "RAG index file");

    public static readonly Setting<string?> RagEmbeddingModel = Text("ragEmbeddingModel", "embedding model id");

    public static readonly Setting<string?> RagEmbeddingHost = Text("ragEmbeddingHost", "host that serves the embedding model");

    public static readonly Setting<int> RagChunkSizeTokens = Integer("ragChunkSizeTokens", 0, "chunk size", minimum: 0);

    public static readonly Setting<int> RagChunkOverlapTokens = Integer("ragChunkOverlapTokens", 0, "chunk overlap", minimum: 0);

    public static readonly Setting<int> RagTopK = Integer("ragTopK", 4, "chunks retrieved per query", minimum: 1);

    public static readonly Setting<int> RagContextTokenLimit = Integer("ragContextTokenLimit", 0, "context budget (0 = unlimited)", minimum: 0);

    public static readonly Setting<string?> RagSimilarity = Text("ragSimilarity", "similarity measure: cosine or dot", choices: ["cosine", "dot"]);

    public static readonly Setting<IReadOnlyList<string>> RagAllowedExtensions = List("ragAllowedExtensions", "file extensions indexed");

    public static readonly Setting<IReadOnlyList<string>> RagExcludeGlobs = List("ragExcludeGlobs", "paths left out of the index");

    /// <summary>Every global setting, in table order.</summary>
    public static IReadOnlyList<Setting> All => s_all;

    /// <summary>The setting with this key (compared case-insensitively, as agon did), or null.</summary>
    public static Setting? Find(string key) =>
        s_all.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    private static Setting<bool> Boolean(string key, bool @default, string description, SettingFlag? flag = null) =>
        Add(new Setting<bool>(key, ConfigValueKind.Boolean, @default, description, flag, minimum: null));

    private static Setting<int> Integer(string key, int @default, string description, int? minimum = null, SettingFlag? flag = null) =>
        Add(new Setting<int>(key, ConfigValueKind.Integer, @default, description, flag, minimum));

    private static Setting<string?> Text(string key, string description, SettingFlag? flag = null, IReadOnlyList<string>? choices = null) =>
        Add(new Setting<string?>(key, ConfigValueKind.String, null, description, flag, minimum: null) { Choices = choices ?? [] });

    private static Setting<IReadOnlyList<string>> List(string key, string description) =>
        Add(new Setting<IReadOnlyList<string>>(key, ConfigValueKind.StringList, [], description, flag: null, minimum: null));

    private static Setting<T> Add<T>(Setting<T> setting)
    {
        s_all.Add(setting);
        return setting;
    }
}
