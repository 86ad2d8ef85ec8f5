// Preloaded into Azurite by AzuriteInstance (node --require). The test process holds the other end of Azurite's
// stdin; when that process ends, even by SIGKILL before it could stop Azurite, the pipe closes and Azurite exits.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
