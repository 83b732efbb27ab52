using Agon.Terminal;

namespace Agon.Tests.Terminal;

/// <summary>Expiry times read the way a person says them.</summary>
public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "now")]
    [InlineData(-90, "now")]
    [InlineData(45, "in 45 s")]
    [InlineData(240, "in 4 min")]
    [InlineData(3 * 3600, "in 3 h")]
    [InlineData(5 * 86400, "in 5 days")]
    public void Until(int seconds, string expected) => Assert.Equal(expected, RelativeTime.Until(s_now.AddSeconds(seconds), s_now));

    [Fact]
    public void KeepAliveForever_Never() => Assert.Equal("never", RelativeTime.Until(new DateTimeOffset(2318, 1, 1, 0, 0, 0, TimeSpan.Zero), s_now));

    [Fact]
    public void OtherOffset_SameInstant() =>
        Assert.Equal("in 4 min", RelativeTime.Until(new DateTimeOffset(2026, 11, 25, 4, 4, 0, TimeSpan.FromHours(-8)), s_now));
}
