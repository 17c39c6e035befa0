namespace StackKit.HttpService;

/// <summary>
/// What StackKit takes as a service password. Only its salted hash (<see cref="Keys.PasswordHash"/>) leaves the
/// caller: the launch template, the user data and instance metadata never hold the plaintext.
/// </summary>
internal static class ServicePassword
{
    private const int MinLength = 12;
    private const int MaxLength = 128;

    /// <summary>Refuses a password the service should not take, without repeating it.</summary>
    /// <exception cref="ArgumentException">Too short, too long, or holding a control character.</exception>
    public static void Check(string password, string paramName)
    {
        if (password.Length is < MinLength or > MaxLength || password.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The given value is not a valid service password: use {MinLength} to {MaxLength} characters, none of them a control character " +
                "(a passphrase with spaces is fine: only its salted hash is sent).", paramName);
        }
    }
}
