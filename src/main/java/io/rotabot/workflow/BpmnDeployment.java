package io.rotabot.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deploys the process models of the bpmn folder at start-up, with the task forms beside them (*.html,
 * referenced as {@code embedded:deployment:<file>}), so workflow designers edit files, not the jar.
 * Unchanged files are filtered out; a changed file becomes a new version and new processes use it.
 * A model the engine cannot parse stops the start with the engine's message.
 */
@Component
class BpmnDeployment {

    private static final Logger log = LoggerFactory.getLogger(BpmnDeployment.class);

    BpmnDeployment(RepositoryService repository, @Value("${rotabot.workflow.bpmn-dir:bpmn}") Path bpmnDir) {
        List<Path> models = files(bpmnDir, ".bpmn");
        if (models.isEmpty()) {
            throw new IllegalStateException("No *.bpmn process models in " + bpmnDir.toAbsolutePath());
        }
        List<Path> forms = files(bpmnDir, ".html");
        DeploymentBuilder deployment = repository.createDeployment()
                .name("rotabot")
                .source(bpmnDir.toAbsolutePath().toString())
                .enableDuplicateFiltering(true);
        for (Path model : java.util.stream.Stream.concat(models.stream(), forms.stream()).toList()) {
            try {
                deployment.addInputStream(model.getFileName().toString(), new ByteArrayInputStream(Files.readAllBytes(model)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read process model " + model, e);
            }
        }
        var deployed = deployment.deploy();
        log.info("Deployed {} process model(s) and {} form(s) from {} (deployment {})", models.size(), forms.size(),
                bpmnDir.toAbsolutePath(), deployed.getId());
    }

    private static List<Path> files(Path bpmnDir, String extension) {
        try (Stream<Path> listing = Files.list(bpmnDir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the process models in " + bpmnDir.toAbsolutePath(), e);
        }
    }
}
