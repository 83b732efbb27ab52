using System.Text;
using LLama;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Embedded;

/// <summary>Renders messages with the model's own chat template, or chatml when the model has none (as llama-server does).</summary>
internal static class ChatPrompt
{
    public static string Render(LoadedModel model, IEnumerable<ChatMessage> messages)
    {
        var template = model.Metadata("tokenizer.chat_template") is { Length: > 0 }
            ? new LLamaTemplate(model.Weights) { AddAssistant = true }
            : new LLamaTemplate("chatml") { AddAssistant = true };
        foreach (var message in messages)
        {
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            var results = message.Contents.OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? "");
            template.Add(message.Role.Value, text + string.Concat(results));
        }

        return Encoding.UTF8.GetString(template.Apply());
    }
}
