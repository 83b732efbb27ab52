using System.Text;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>Short plain-ASCII tokens come back as the same string; anything else is left to the decoder.</summary>
public sealed class TokenTextCacheTests
{
    [Fact]
    public void ARepeatedToken_IsTheSameString()
    {
        var cache = new TokenTextCache();

        var first = cache.TryGet(" the"u8);
        var again = cache.TryGet(" the"u8);

        Assert.Equal(" the", first);
        Assert.Same(first, again);
        Assert.Equal("", cache.TryGet([]));
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("a\"b")]
    [InlineData("a\\nb")]
    [InlineData("tab\there")]
    [InlineData("seventeen chars!!")]
    public void NotShortPlainAscii_IsLeftToTheDecoder(string token) =>
        Assert.Null(new TokenTextCache().TryGet(Encoding.UTF8.GetBytes(token)));

    [Fact]
    public void EveryToken_ReadsBackAsItsOwnText_WhateverSharesItsSlot()
    {
        var cache = new TokenTextCache();
        var tokens = Enumerable.Range(0, 2000).Select(i => "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // Twice: the second pass meets slots the first one's later tokens took over.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var token in tokens)
            {
                Assert.Equal(token, cache.TryGet(Encoding.ASCII.GetBytes(token)));
            }
        }
    }
}
