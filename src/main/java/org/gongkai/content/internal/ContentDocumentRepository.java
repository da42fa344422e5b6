package org.gongkai.content.internal;

import java.util.Optional;

import org.gongkai.content.ContentDocument;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContentDocumentRepository extends JpaRepository<ContentDocument, Long> {

    Optional<ContentDocument> findByPublicId(String publicId);

    boolean existsByPublicId(String publicId);
}
