package dev.formation.plugin.api;

/**
 * Discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.formation.plugin.api.CompanyLookupFactory}). A tenant's
 * administrator loads a registry file (a list of companies, CSV or XLSX); the engine keeps the
 * file in the tenant's database, so every node reads the same one, and asks the factory to read
 * it into a {@link CompanyLookup}, once per node and file. A factory checks the whole file when
 * it is loaded, so a bad one is refused with every problem and the previous file keeps serving.
 */
public interface CompanyLookupFactory {

    /** The name of this source, e.g. {@code "registry"}. */
    String id();

    /** What a file this factory reads holds (its formats and columns), for the administrator loading one. */
    Message fileFormat();

    /** Whether this factory reads a file of this name ({@code companies.xlsx}), judged by its extension. */
    boolean reads(String fileName);

    /**
     * Reads a registry file.
     *
     * @param fileName the uploaded file's name, for its format
     * @param content  the file's bytes
     * @throws CompanyRegistryException when the file or any of its rows is wrong, naming each problem
     */
    CompanyLookup read(String fileName, byte[] content) throws CompanyRegistryException;
}
