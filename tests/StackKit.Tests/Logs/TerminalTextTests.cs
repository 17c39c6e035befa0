using StackKit.Logs;

namespace StackKit.Tests.Logs;

/// <summary>A printed log line cannot drive the terminal: control characters and bidirectional overrides show as escapes.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain text\twith a tab", "plain text\twith a tab")]
    [InlineData("\u001b]52;c;cm0gLXJmIH4=\u0007", "\\x1B]52;c;cm0gLXJmIH4=\\x07")]
    [InlineData("erase\u001b[2K\rforged", "erase\\x1B[2K\\x0Dforged")]
    [InlineData("C1 \u009b31m", "C1 \\x9B31m")]
    [InlineData("price \u202e0.01$", "price \\u202E0.01$")]
    public void Control_characters_become_visible_escapes(string message, string printed)
    {
        var line = new ServiceLogEvent(DateTimeOffset.UnixEpoch, "i-0aaaaaaaaaaaaaaa1", message);

        Assert.Equal($"1970-01-01T00:00:00.000Z i-0aaaaaaaaaaaaaaa1 {printed}", line.ToString());
        Assert.Equal(message, line.Message);
    }
}
