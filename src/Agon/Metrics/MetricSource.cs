namespace Agon.Metrics;

/// <summary>Who produced a figure: the server's own accounting, or Agon's clock.</summary>
internal enum MetricSource
{
    Server,
    Client,
}
