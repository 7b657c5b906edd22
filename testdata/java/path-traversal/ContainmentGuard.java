package fixtures.path;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;

// The containment check of the rule's own compliant example: resolve against a base directory held
// in a `Path` field, normalize, then check `startsWith(BASE)` before opening.
public class ContainmentGuard {
    private static final Path BASE = Paths.get("/srv/files").toAbsolutePath().normalize();
    private final Path root;

    public ContainmentGuard(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    InputStream open(HttpServletRequest request) throws IOException {
        Path file = BASE.resolve(request.getParameter("name")).normalize();
        if (!file.startsWith(BASE)) throw new SecurityException("outside the base directory");
        // ok: java/path-traversal -- normalized and contained in BASE
        return Files.newInputStream(file);
    }

    InputStream openThis(HttpServletRequest request) throws IOException {
        Path file = this.root.resolve(request.getParameter("name")).normalize();
        if (!file.startsWith(this.root)) {
            throw new SecurityException("outside the root");
        }
        // ok: java/path-traversal -- contained in the instance field's directory
        return Files.newInputStream(file);
    }

    byte[] readIfInside(HttpServletRequest request) throws IOException {
        Path file = root.resolve(request.getParameter("name")).normalize();
        if (file.startsWith(root)) {
            // ok: java/path-traversal -- only on the branch where the check holds
            return Files.readAllBytes(file);
        }
        return new byte[0];
    }

    byte[] readOutside(HttpServletRequest request) throws IOException {
        Path file = BASE.resolve(request.getParameter("name")).normalize();
        if (file.startsWith(BASE)) {
            return new byte[0];
        }
        // ruleid: java/path-traversal -- the branch where the check failed
        return Files.readAllBytes(file);
    }

    byte[] checkedOther(HttpServletRequest request) throws IOException {
        Path file = BASE.resolve(request.getParameter("name")).normalize();
        Path other = BASE.resolve(request.getParameter("other")).normalize();
        if (!file.startsWith(BASE)) throw new SecurityException("outside");
        // ruleid: java/path-traversal -- `other` was never checked
        return Files.readAllBytes(other);
    }

    byte[] stringPrefix(HttpServletRequest request) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java/null-dereference-of-source -- dereferenced with no null check
        if (!name.startsWith("/srv/files/")) throw new SecurityException("outside");
        // ruleid: java/path-traversal -- a string prefix does not stop `/srv/files/../../etc/passwd`
        return Files.readAllBytes(Paths.get(name));
    }

    InputStream canonical(HttpServletRequest request) throws IOException {
        Path real = BASE.resolve(request.getParameter("name")).toRealPath();
        if (!real.startsWith(BASE)) throw new SecurityException("outside");
        // ok: java/path-traversal -- the real path is contained in BASE
        return Files.newInputStream(real);
    }
}
