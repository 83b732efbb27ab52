namespace Agon.Models;

/// <summary>
/// One (host, model) of <c>agon list modelparameters</c>: what a chat sends, in the order it is sent, beside the
/// sampling defaults the model states itself (docs/json/model-parameters.schema.json).
/// </summary>
internal sealed record ModelParametersRow(string Host, string Model, Dictionary<string, SentParameter> Sends, Dictionary<string, string> Defaults);
