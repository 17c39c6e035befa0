using System.Runtime.Versioning;

// The store's guarantees rest on Linux calls (flock, rename(2), fsync of directories, O_NOFOLLOW's value).
[assembly: SupportedOSPlatform("linux")]
