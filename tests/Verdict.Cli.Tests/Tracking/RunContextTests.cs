using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class RunContextTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Dir(params string[] parts)
    {
        string path = Path.Combine([_home.Directory, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void GitCommit_NoRepository_IsNull()
    {
        Assert.Null(RunContext.GitCommit(Dir("plain", "sub")));
    }

    [Fact]
    public void GitCommit_LooseRef_FromSubfolder()
    {
        string git = Dir("repo", ".git");
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        Dir("repo", ".git", "refs", "heads");
        File.WriteAllText(Path.Combine(git, "refs", "heads", "main"), Sha + "\n");

        Assert.Equal(Sha, RunContext.GitCommit(Dir("repo", "src", "deep")));
    }

    [Fact]
    public void GitCommit_PackedRef()
    {
        string git = Dir("packed", ".git");
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/release/1.0\n");
        File.WriteAllText(Path.Combine(git, "packed-refs"), $"# pack-refs with: peeled fully-peeled sorted\n{Other} refs/heads/main\n{Sha} refs/heads/release/1.0\n^{Other}\n");

        Assert.Equal(Sha, RunContext.GitCommit(Dir("packed")));
    }

    [Fact]
    public void GitCommit_DetachedHead()
    {
        string git = Dir("detached", ".git");
        File.WriteAllText(Path.Combine(git, "HEAD"), Sha.ToUpperInvariant() + "\n");

        Assert.Equal(Sha, RunContext.GitCommit(Dir("detached")));
    }

    [Fact]
    public void GitCommit_LinkedWorkTree_ReadsHeadThereAndRefsInCommonDir()
    {
        string common = Dir("main", ".git");
        Dir("main", ".git", "refs", "heads");
        File.WriteAllText(Path.Combine(common, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(common, "refs", "heads", "main"), Other + "\n");
        File.WriteAllText(Path.Combine(common, "refs", "heads", "feature"), Sha + "\n");
        string wtGit = Dir("main", ".git", "worktrees", "wt");
        File.WriteAllText(Path.Combine(wtGit, "HEAD"), "ref: refs/heads/feature\n");
        File.WriteAllText(Path.Combine(wtGit, "commondir"), "../..\n");
        string worktree = Dir("wt");
        File.WriteAllText(Path.Combine(worktree, ".git"), $"gitdir: {wtGit}\n");

        Assert.Equal(Sha, RunContext.GitCommit(worktree));
    }

    [Fact]
    public void GitCommit_ThisWorkTree_MatchesGit()
    {
        // The tests normally run inside the repository's work tree (bin/ is below it); elsewhere there is nothing to check.
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !Path.Exists(Path.Combine(dir.FullName, ".git")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return;
        }

        string? commit = RunContext.GitCommit(AppContext.BaseDirectory);

        Assert.NotNull(commit);
        Assert.Matches("^[0-9a-f]{40}$", commit);
    }

    [Fact]
    public void Fingerprint_File_SizeAndSha256()
    {
        string path = _home.File("abc.txt", "abc");

        (long? size, string? sha) = RunContext.Fingerprint(path);

        Assert.Equal(3, size);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(null)]
    [InlineData("/no/such/file.csv")]
    public void Fingerprint_StdinOrMissing_IsNull(string? path)
    {
        Assert.Equal((null, null), RunContext.Fingerprint(path));
    }
}
