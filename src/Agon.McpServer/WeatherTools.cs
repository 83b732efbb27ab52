using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Agon.McpServer;

/// <summary><c>current_weather</c>: geocodes a place (Nominatim) and reads its current weather (Open-Meteo), no API key.</summary>
[McpServerToolType]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the MCP server through dependency injection (WithTools<T>)")]
internal sealed class WeatherTools(HttpClient http, WeatherEndpoints endpoints)
{
    [McpServerTool(Name = "current_weather", ReadOnly = true, OpenWorld = true)]
    [Description("Current weather and today's low/high for a place (city, region or address).")]
    public async Task<string> CurrentWeather([Description("The place, e.g. 'Lyon, France'")] string location, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new McpException("give a location, e.g. 'Lyon, France'");
        }

        var geocode = new Uri($"{endpoints.Geocoding}?q={Uri.EscapeDataString(location)}&format=jsonv2&limit=1");
        using var places = await GetJsonAsync(geocode, cancellationToken);
        if (places.RootElement.ValueKind != JsonValueKind.Array || places.RootElement.GetArrayLength() == 0)
        {
            throw new McpException($"no place called '{location}' was found");
        }

        var place = places.RootElement[0];
        var lat = place.GetProperty("lat").GetString();
        var lon = place.GetProperty("lon").GetString();
        var forecast = new Uri($"{endpoints.Forecast}?latitude={lat}&longitude={lon}&current=temperature_2m,relative_humidity_2m,apparent_temperature,precipitation,cloud_cover,wind_speed_10m&daily=temperature_2m_max,temperature_2m_min&timezone=auto&forecast_days=1");
        using var weather = await GetJsonAsync(forecast, cancellationToken);
        if (!weather.RootElement.TryGetProperty("current", out var current) || current.ValueKind != JsonValueKind.Object)
        {
            throw new McpException("the forecast service sent no current weather");
        }

        var name = place.TryGetProperty("display_name", out var display) ? display.GetString() : location;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Number(current, "temperature_2m")} °C (feels {Number(current, "apparent_temperature")} °C), humidity {Number(current, "relative_humidity_2m")} %, cloud {Number(current, "cloud_cover")} %, wind {Number(current, "wind_speed_10m")} km/h, precipitation {Number(current, "precipitation")} mm");
        if (weather.RootElement.TryGetProperty("daily", out var daily)
            && daily.TryGetProperty("temperature_2m_min", out var lows) && lows.ValueKind == JsonValueKind.Array && lows.GetArrayLength() > 0
            && daily.TryGetProperty("temperature_2m_max", out var highs) && highs.ValueKind == JsonValueKind.Array && highs.GetArrayLength() > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; today {lows[0].GetDouble():0.#}–{highs[0].GetDouble():0.#} °C");
        }

        return text;
    }

    private static string Number(JsonElement current, string name) =>
        current.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("0.#", CultureInfo.InvariantCulture)
            : "?";

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd("agon-mcp/0.1 (current_weather)");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new McpException($"{uri.Host} answered {(int)response.StatusCode}");
            }

            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new McpException($"{uri.Host} could not be reached: {ex.Message}");
        }
        catch (JsonException)
        {
            throw new McpException($"{uri.Host} did not answer JSON");
        }
    }
}
