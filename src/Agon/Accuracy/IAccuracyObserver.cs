namespace Agon.Accuracy;

/// <summary>Watches an accuracy run: called from several hosts at once, so implementations must be thread-safe.</summary>
internal interface IAccuracyObserver
{
    /// <summary>A target moved on: <c>test 3/25</c>, <c>run 2/5 · test 3/25</c>.</summary>
    void OnProgress(string label, string step, double fraction);

    void OnRecord(AccuracyRecord record);

    void OnSummary(AccuracySummary summary);
}
