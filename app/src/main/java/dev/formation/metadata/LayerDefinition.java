package dev.formation.metadata;

/**
 * One definition of a layer that is not a folder (the tenant's, stored in the database): its
 * kind, key and YAML text, read exactly as an overlay file of that kind and name would be.
 */
public record LayerDefinition(String kind, String key, String yaml) {

    public String source() {
        return "tenant:" + kind + "/" + key;
    }

    /** The YAML parsed; a text that is not YAML throws {@link MetadataException}. */
    public java.util.Map<String, Object> content() {
        return YamlFiles.parse(source(), yaml);
    }

    MetadataFiles.File asFile() {
        String folder = MetadataLoader.folderOf(kind);
        if (folder == null) {
            throw new MetadataException(source(), "/kind", "unknown kind '" + kind + "'");
        }
        return new MetadataFiles.File(source(), folder, key, yaml);
    }
}
