namespace StackKit.Preflight;

/// <summary>A registry's answer about an image, with what it said in words for the user.</summary>
internal sealed record RegistryLookup(RegistryAnswer Answer, string Detail);
