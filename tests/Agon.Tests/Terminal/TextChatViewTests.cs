using Agon.Chat;
using Agon.Hosts;
using Agon.Metrics;
using Agon.Terminal;

namespace Agon.Tests.Terminal;

/// <summary>
/// The text chat view with stdout and stderr on one screen (one writer), as a person sees them: compare answers in
/// <c>--target</c> order whatever order they finish in, labelled metrics, a failure under its own header, length stops.
/// </summary>
public sealed class TextChatViewTests
{
    private static readonly IModelHost s_gpu = LlamaCppTestHost.Create(new ReplayHandler(), "gpu");
    private static readonly IModelHost s_pi = LlamaCppTestHost.Create(new ReplayHandler(), "pi");

    private static ResponseMetrics Metrics(double ttft, int generated) => new()
    {
        TtftMs = Metric.Client(ttft),
        CompletionTokens = Metric.Server(generated),
    };

    private static (TextChatView View, StringWriter Screen) View(ChatMode mode, params ChatTarget[] targets)
    {
        var screen = new StringWriter();
        return (new TextChatView(new AgonConsole(screen, screen, ConsoleCapabilities.Plain), mode, targets), screen);
    }

    [Fact]
    public void Compare_AnswersInTargetOrder_WhateverOrderTheyFinish_MetricsLabelled()
    {
        var first = new ChatTarget(s_gpu, "qwen3:8b");
        var second = new ChatTarget(s_pi, "stories260K");
        var third = new ChatTarget(s_gpu, "llama3.2");
        var (view, screen) = View(ChatMode.Compare, first, second, third);

        view.OnEvent(new ChatEvent(ChatEventKind.Done, third, Outcome: new ChatOutcome { Target = third, Content = "three", Metrics = Metrics(30, 3) }));
        view.OnEvent(new ChatEvent(ChatEventKind.Done, second, Outcome: new ChatOutcome { Target = second, Content = "two", Metrics = Metrics(20, 2) }));
        Assert.Equal("", screen.ToString());
        view.OnEvent(new ChatEvent(ChatEventKind.Done, first, Outcome: new ChatOutcome { Target = first, Content = "one", Metrics = Metrics(85, 1) }));

        Assert.Equal(
            """
            ── gpu/qwen3:8b ──
            one
            [gpu/qwen3:8b] ttft 85 ms · gen 1 tok

            ── pi/stories260K ──
            two
            [pi/stories260K] ttft 20 ms · gen 2 tok

            ── gpu/llama3.2 ──
            three
            [gpu/llama3.2] ttft 30 ms · gen 3 tok


            """.ReplaceLineEndings("\n"),
            screen.ToString());
    }

    [Fact]
    public void Compare_FailedTarget_ErrorUnderItsOwnHeader_PartialTextKept()
    {
        var first = new ChatTarget(s_gpu, "qwen3:8b");
        var second = new ChatTarget(s_pi, "stories260K");
        var (view, screen) = View(ChatMode.Compare, first, second);

        view.OnEvent(new ChatEvent(ChatEventKind.Done, second, Outcome: new ChatOutcome { Target = second, Content = "fine", Metrics = Metrics(20, 2) }));
        view.OnEvent(new ChatEvent(ChatEventKind.Error, first, Outcome: new ChatOutcome { Target = first, Content = "half an", Error = "the model process for qwen3:8b on host gpu crashed mid-answer" }));

        Assert.StartsWith(
            """
            ── gpu/qwen3:8b ──
            half an
            error: [gpu/qwen3:8b] the model process for qwen3:8b on host gpu crashed mid-answer

            ── pi/stories260K ──
            fine
            [pi/stories260K] ttft 20 ms
            """.ReplaceLineEndings("\n"),
            screen.ToString());
    }

    [Theory]
    [InlineData(30, 30, "(stopped at the 30-token limit)")]
    [InlineData(null, 250, "(the context is full)")]
    [InlineData(-1, 250, "(the context is full)")]
    [InlineData(500, 250, "(the context is full)")]
    public void Single_LengthStop_SaysWhichLimit_AfterTheAnswer(int? limit, int generated, string note)
    {
        var target = new ChatTarget(s_gpu, "qwen3:8b");
        var (view, screen) = View(ChatMode.Single, target);

        view.OnEvent(new ChatEvent(ChatEventKind.Delta, target, Text: "Once upon"));
        view.OnEvent(new ChatEvent(ChatEventKind.Done, target, Outcome: new ChatOutcome { Target = target, Content = "Once upon", FinishReason = "length", MaxTokens = limit, Metrics = Metrics(5, generated) }));

        Assert.StartsWith($"Once upon\n{note}\nttft 5.0 ms", screen.ToString());
    }

    [Fact]
    public void Single_NormalStop_NoLengthNote()
    {
        var target = new ChatTarget(s_gpu, "qwen3:8b");
        var (view, screen) = View(ChatMode.Single, target);

        view.OnEvent(new ChatEvent(ChatEventKind.Delta, target, Text: "Done.\n"));
        view.OnEvent(new ChatEvent(ChatEventKind.Done, target, Outcome: new ChatOutcome { Target = target, Content = "Done.\n", FinishReason = "stop", MaxTokens = 30, Metrics = Metrics(5, 30) }));

        Assert.Equal("Done.\nttft 5.0 ms · gen 30 tok\n", screen.ToString());
    }
}
