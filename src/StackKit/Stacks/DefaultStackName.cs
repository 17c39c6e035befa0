using System.Globalization;
using System.Text;

namespace StackKit.Stacks;

/// <summary>The name a stack gets when none is given: <c>&lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt;</c>, in local time.</summary>
public static class DefaultStackName
{
    /// <summary>The default name for <paramref name="userName"/> at <paramref name="localNow"/>.</summary>
    public static string For(string userName, DateTimeOffset localNow)
    {
        // Characters a stack name may not hold become hyphens; a name must start with a letter.
        var user = new StringBuilder(userName.Length);
        foreach (var character in userName)
        {
            user.Append(character is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? character : '-');
        }
        var prefix = user.Length > 0 && char.IsLetter(user[0]) ? user.ToString() : "stackkit" + (user.Length > 0 ? "-" + user : "");
        if (prefix.Length > 100)
        {
            prefix = prefix.Substring(0, 100);
        }
        return prefix + "-" + localNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
    }
}
