package dev.cacheaudit.sample.user;

import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /users/{id}}, {@code GET /users?email=...} and {@code PUT /users/{id}} (rename). */
@RestController
@RequestMapping("/users")
public class UserController {

    private final UserService service;

    public UserController(UserService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @GetMapping("/{id}")
    public UserDto get(@PathVariable long id) {
        return service.find(id);
    }

    @GetMapping(params = "email")
    public UserDto getByEmail(@RequestParam String email) {
        return service.findByEmail(email);
    }

    @PutMapping("/{id}")
    public UserDto rename(@PathVariable long id, @RequestBody Rename request) {
        return service.rename(id, request.name());
    }

    /**
     * The body of a rename.
     *
     * @param name the new name
     */
    public record Rename(String name) {}
}
