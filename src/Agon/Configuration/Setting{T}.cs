namespace Agon.Configuration;

/// <summary>A global setting whose value is a <typeparamref name="T"/>; <see cref="GlobalValues.Get{T}"/> reads it typed.</summary>
internal sealed class Setting<T>(string key, ConfigValueKind kind, T defaultValue, string description, SettingFlag? flag, int? minimum)
    : Setting(key, kind, description, flag, minimum)
{
    public T Default { get; } = defaultValue;

    public override object? DefaultValue => Default;
}
