using System.Runtime.Versioning;

// The Bicep CLI package these tests run is the linux-x64 build, and deploy.sh is a bash script.
[assembly: SupportedOSPlatform("linux")]
