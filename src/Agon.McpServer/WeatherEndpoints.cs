namespace Agon.McpServer;

/// <summary>
/// Where <c>current_weather</c> geocodes and forecasts: the public Nominatim and Open-Meteo APIs agon used, unless
/// <c>AGON_MCP_GEOCODING_URL</c> / <c>AGON_MCP_FORECAST_URL</c> name others (tests point them at local fakes).
/// </summary>
internal sealed record WeatherEndpoints(Uri Geocoding, Uri Forecast)
{
    public static WeatherEndpoints FromEnvironment(Func<string, string?> variable) => new(
        new Uri(variable("AGON_MCP_GEOCODING_URL") is { Length: > 0 } g ? g : "https://nominatim.openstreetmap.org/search"),
        new Uri(variable("AGON_MCP_FORECAST_URL") is { Length: > 0 } f ? f : "https://api.open-meteo.com/v1/forecast"));
}
